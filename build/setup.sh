#!/usr/bin/env bash
# Installs the native prerequisites that the build and tests need, once; safe to run again.
#  - g++ and patchelf: patch TorchSharp's native library for libstdc++ older than GCC 13
#    (docs/torchsharp-on-debian-12.md). Skipped where libstdc++ already has GLIBCXX_3.4.32.
#  - Chromium (Debian's, at /usr/bin/chromium): the claims desk's browser tests drive it with Playwright, which
#    cannot download a browser of its own here.
#  - Node.js, npm and the packages of infra/local-s3: the local S3 server (s3rver) that tests and
#    the local pipeline run. `npm ci` reruns only when package-lock.json is newer than the install.
#
# usage: build/setup.sh          everything the build and the tests need (developers, CI)
#        build/setup.sh --image  only what `dotnet publish` needs, for a container image build: no
#                                Node.js and no local S3 server (infra/docker/Dockerfile* run
#                                this; their build context leaves infra/local-s3 out on purpose)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

image=false
case "${1:-}" in
  "") ;;
  --image) image=true ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "setup: unknown option '$1' (use --image for a container image build)" >&2; exit 2 ;;
esac

need=()
stdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '!found && /libstdc\+\+\.so\.6 .*x86-64/ {print $NF; found = 1}')
if [ "$(uname -s)" = Linux ] && ! { [ -n "$stdcxx" ] && grep -qa GLIBCXX_3.4.32 "$stdcxx"; }; then
  command -v g++ >/dev/null || need+=(g++)
  command -v patchelf >/dev/null || need+=(patchelf)
  command -v objdump >/dev/null || need+=(binutils)
fi
if ! $image; then
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
if [ "$(uname -s)" = Linux ] && [ ! -x /usr/bin/chromium ]; then
  need+=(chromium)
fi
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

if $image; then
  echo "setup: image build: the local S3 server (Node.js, infra/local-s3) is not needed and not installed"
  exit 0
fi

local_s3="$root/infra/local-s3"
# npm ci writes node_modules/.package-lock.json, so its age tells whether the lock file changed since.
if [ ! -f "$local_s3/node_modules/.package-lock.json" ] || [ "$local_s3/package-lock.json" -nt "$local_s3/node_modules/.package-lock.json" ]; then
  echo "setup: installing the local S3 server's Node packages (npm ci in infra/local-s3)"
  (cd "$local_s3" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: local S3 server packages present"
