#!/usr/bin/env bash
# Makes TorchSharp's libLibTorchSharp.so load on Linux systems whose libstdc++ is older than
# GCC 13 (Debian 12, Ubuntu 22.04): see docs/torchsharp-on-debian-12.md for the why.
#
# usage: patch-libtorchsharp.sh NATIVE_DIR TOOLS_DIR
#   NATIVE_DIR  folder holding the copy of libLibTorchSharp.so to patch (a build or publish output)
#   TOOLS_DIR   folder where the shim library and the ELF tool are compiled once and kept
#
# Idempotent, and a no-op where the system's libstdc++ already has GLIBCXX_3.4.32.
set -euo pipefail

native_dir=$1
tools_dir=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lib="$native_dir/libLibTorchSharp.so"
shim_name=libgluonstyletext_ios_init.so
missing_version=GLIBCXX_3.4.32
symbol=_ZSt21ios_base_library_initv

[ -f "$lib" ] || exit 0

stdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '!found && /libstdc\+\+\.so\.6 .*x86-64/ {print $NF; found = 1}')
if [ -n "$stdcxx" ] && grep -qa "$missing_version" "$stdcxx"; then
  exit 0
fi
# grep reads all of objdump's output (no -q): an early exit would fail the pipe under pipefail.
if ! objdump -T "$lib" 2>/dev/null | grep "$missing_version" >/dev/null; then
  exit 0   # already patched, or a TorchSharp build that does not need it
fi

for tool in g++ gcc patchelf objdump; do
  if ! command -v "$tool" >/dev/null; then
    echo "error GST0001: TorchSharp needs $missing_version, which this system's libstdc++ lacks; patching it needs '$tool'. Run build/setup.sh (installs g++ and patchelf)." >&2
    exit 1
  fi
done

# Compile to temp names and rename, so parallel builds never see a half-written tool.
mkdir -p "$tools_dir"
shim="$tools_dir/$shim_name"
weaken="$tools_dir/weaken_version_need"
if [ ! -f "$shim" ] || [ "$here/ios_base_library_init.cpp" -nt "$shim" ]; then
  g++ -shared -fPIC -O2 -o "$shim.$$" "$here/ios_base_library_init.cpp"
  mv -f "$shim.$$" "$shim"
fi
if [ ! -f "$weaken" ] || [ "$here/weaken_version_need.c" -nt "$weaken" ]; then
  gcc -O2 -o "$weaken.$$" "$here/weaken_version_need.c"
  mv -f "$weaken.$$" "$weaken"
fi

# The build output's copy may be a hard link into the NuGet cache: patch a private copy and
# rename it over, which leaves the cache untouched and never exposes a half-patched library.
patched=$(mktemp "$native_dir/.libLibTorchSharp.so.XXXXXX")
trap 'rm -f "$patched"' EXIT
cp "$lib" "$patched"
patchelf --clear-symbol-version "$symbol" "$patched"
patchelf --add-needed "$shim_name" "$patched"
"$weaken" "$patched" "$missing_version"
cp -f "$shim" "$native_dir/$shim_name"
chmod 755 "$patched"
mv -f "$patched" "$lib"
trap - EXIT
echo "Patched $lib to load with this system's libstdc++ (shim for $missing_version)."
