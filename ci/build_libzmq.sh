#!/usr/bin/env bash
# Build libzmq from its release tarball into PREFIX, for the binary wheels:
# cibuildwheel runs this once per job, before any wheel (inside the manylinux
# container on Linux, on the runner on macOS), then compiles pyzmq-core and
# pyzmq-devices against it with ZMQ_PREFIX=PREFIX. The repair step copies the
# shared library into the wheels, so it is built with nothing it would have to
# bring along: CURVE comes from libzmq's own tweetnacl, not libsodium.
# Usage: ci/build_libzmq.sh PREFIX
set -euo pipefail

prefix=${1:?usage: $0 PREFIX}
version=4.3.5
sha256=6653ef5910f17954861fe72332e68b03ca6e4d9c7160eb3a8de5a5a913bfab43
tarball=zeromq-$version.tar.gz

if [[ -e $prefix/include/zmq.h ]]; then
    echo "libzmq already in $prefix"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
curl -fsSL --retry 3 -o "$tarball" \
    "https://github.com/zeromq/libzmq/releases/download/v$version/$tarball"
if command -v sha256sum >/dev/null; then
    echo "$sha256  $tarball" | sha256sum -c -
else
    echo "$sha256  $tarball" | shasum -a 256 -c -
fi
tar xzf "$tarball"
cd "zeromq-$version"
# the same options on every platform, so that every wheel's libzmq has the
# same features (zmq.has() answers alike)
./configure --prefix="$prefix" --disable-static --enable-curve --without-libsodium \
    --disable-libunwind --disable-Werror --without-docs --disable-drafts --disable-perf
make -j"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
make install
echo "libzmq $version installed in $prefix"
