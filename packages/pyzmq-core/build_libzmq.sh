#!/usr/bin/env bash
# Build libzmq from source into PREFIX: a shared library with CURVE from
# libzmq's own tweetnacl, and nothing else it would have to bring along
# (no libsodium, libbsd, GnuTLS, PGM, NORM or GSSAPI), so that a wheel can
# bundle it alone.
#
# pyzmq-core's build hook runs it for ZMQ_PREFIX=bundled, into the build tree;
# the release workflow runs it once per job before building the binary wheels
# (ci/cibuildwheel.toml).
#
# Environment:
#   PYZMQ_LIBZMQ_URL     the source: a URL, or a local tarball or directory
#                        (then nothing is downloaded). Default: the release
#                        tarball of libzmq 4.3.5, checked against its sha256.
#   PYZMQ_LIBZMQ_SHA256  the sha256 the source tarball must have (checked
#                        for any source when set)
#   ZMQ_DRAFT_API=1      build libzmq's draft API too
#
# Release tarballs carry a configure script; a source tree (a git checkout,
# Debian's zeromq3 orig tarball) has CMakeLists.txt instead, and is built
# with CMake. A PREFIX this script built is reused when it was built from the
# same source with the same options.
# Usage: build_libzmq.sh PREFIX
set -euo pipefail

DEFAULT_VERSION=4.3.5
DEFAULT_URL=https://github.com/zeromq/libzmq/releases/download/v$DEFAULT_VERSION/zeromq-$DEFAULT_VERSION.tar.gz
DEFAULT_SHA256=6653ef5910f17954861fe72332e68b03ca6e4d9c7160eb3a8de5a5a913bfab43

prefix=${1:?usage: $0 PREFIX}
source=${PYZMQ_LIBZMQ_URL:-$DEFAULT_URL}
sha256=${PYZMQ_LIBZMQ_SHA256:-}
if [[ $source == "$DEFAULT_URL" && -z $sha256 ]]; then
    sha256=$DEFAULT_SHA256
fi
drafts=off
[[ ${ZMQ_DRAFT_API:-} != 1 ]] || drafts=on
configure_drafts=--disable-drafts
[[ $drafts == off ]] || configure_drafts=--enable-drafts
jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
stamp=$prefix/.pyzmq-libzmq-build
wanted="source=$source sha256=$sha256 drafts=$drafts"
if [[ -e $stamp ]]; then
    if [[ $(cat "$stamp") == "$wanted" ]]; then
        echo "libzmq already built in $prefix ($wanted)"
        exit 0
    fi
    # built here before, from another source or with other options
    rm -rf "${prefix:?}"/*
    rm -f "$stamp"
elif [[ -e $prefix/include/zmq.h ]]; then
    echo "error: $prefix holds a libzmq this script did not build: choose another PREFIX" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check_sha256() {
    local actual
    if command -v sha256sum >/dev/null; then
        actual=$(sha256sum "$1" | cut -d' ' -f1)
    else
        actual=$(shasum -a 256 "$1" | cut -d' ' -f1)
    fi
    if [[ $actual != "$sha256" ]]; then
        echo "error: $source has sha256 $actual, expected $sha256" >&2
        exit 1
    fi
}

case $source in
    file://*) local_source=${source#file://} ;;
    *://*) local_source= ;;
    *) local_source=$source ;;
esac
if [[ -z $local_source ]]; then
    echo "downloading $source"
    curl -fsSL --retry 3 -o "$work/libzmq.tar.gz" "$source"
    tarball=$work/libzmq.tar.gz
elif [[ -d $local_source ]]; then
    [[ -z $sha256 ]] || {
        echo "error: PYZMQ_LIBZMQ_SHA256 checks a tarball; $local_source is a directory" >&2
        exit 1
    }
    tarball=
elif [[ -f $local_source ]]; then
    tarball=$local_source
else
    echo "error: PYZMQ_LIBZMQ_URL=$source: no such file or directory" >&2
    exit 1
fi

mkdir "$work/src"
if [[ -n $tarball ]]; then
    [[ -z $sha256 ]] || check_sha256 "$tarball"
    tar -xf "$tarball" -C "$work/src"
else
    cp -R "$local_source" "$work/src/"
fi
# the tarball's (or the copy's) top folder
tree=$(find "$work/src" -mindepth 1 -maxdepth 1)
if [[ $(echo "$tree" | wc -l) != 1 || ! -d $tree ]]; then
    tree=$work/src
fi
cd "$tree"

if [[ -x configure ]]; then
    echo "building libzmq from $source with configure (drafts: $drafts)"
    ./configure --prefix="$prefix" --libdir="$prefix/lib" --disable-static \
        --enable-curve --without-libsodium --disable-libbsd --disable-libunwind \
        --without-docs --disable-perf --disable-Werror "$configure_drafts" \
        >"$work/configure.log" || {
        tail -n 40 "$work/configure.log" >&2
        exit 1
    }
    make -j"$jobs"
    make install
elif [[ -f CMakeLists.txt ]]; then
    command -v cmake >/dev/null || {
        echo "error: $source has no configure script: building it needs CMake" >&2
        exit 1
    }
    echo "building libzmq from $source with CMake (drafts: $drafts)"
    # libzmq's cmake_minimum_required predates what CMake 4 accepts
    cmake -S . -B build -DCMAKE_POLICY_VERSION_MINIMUM=3.5 \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
        -DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED=ON -DBUILD_STATIC=OFF \
        -DENABLE_CURVE=ON -DWITH_LIBSODIUM=OFF -DWITH_LIBBSD=OFF -DWITH_TLS=OFF \
        -DENABLE_DRAFTS="$drafts" -DBUILD_TESTS=OFF -DWITH_DOCS=OFF -DWITH_PERF_TOOL=OFF \
        -DENABLE_CPACK=OFF >"$work/cmake.log" || {
        tail -n 40 "$work/cmake.log" >&2
        exit 1
    }
    cmake --build build --parallel "$jobs"
    cmake --install build >/dev/null
else
    echo "error: $source holds neither a configure script nor CMakeLists.txt" >&2
    exit 1
fi
echo "$wanted" >"$stamp"
echo "libzmq installed in $prefix"
