#!/usr/bin/env bash
# Installs the native prerequisites that the build and tests need, once; safe to run again.
#  - g++ and patchelf: patch TorchSharp's native library for libstdc++ older than GCC 13
#    (docs/torchsharp-on-debian-12.md). Skipped where libstdc++ already has GLIBCXX_3.4.32.
set -euo pipefail

need=()
stdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '!found && /libstdc\+\+\.so\.6 .*x86-64/ {print $NF; found = 1}')
if [ "$(uname -s)" = Linux ] && ! { [ -n "$stdcxx" ] && grep -qa GLIBCXX_3.4.32 "$stdcxx"; }; then
  command -v g++ >/dev/null || need+=(g++)
  command -v patchelf >/dev/null || need+=(patchelf)
  command -v objdump >/dev/null || need+=(binutils)
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if command -v apt-get >/dev/null; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: please install ${need[*]} with your system's package manager" >&2
    exit 1
  fi
fi
echo "setup: native prerequisites present"
