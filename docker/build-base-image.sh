#!/usr/bin/env bash
# Builds the service image's base locally: a minimal Debian rootfs made with debootstrap plus a Java 25
# runtime cut (jlink) from this machine's Temurin 25 JDK, imported into podman as $TNET_BASE_IMAGE.
#
# Why not FROM a registry image: no container registry is reachable on the build machines, only the
# Debian package mirror the machine's apt already uses. The Dockerfile takes the base as a build
# argument (BASE_IMAGE), so with a registry you can use any glibc image that has a Java 25 at
# /opt/java (e.g. a Temurin JRE image) instead.
#
# Cached: the image carries a label with a hash of this script, the JDK release and the suite; when an
# image with the same key exists the script exits at once. --force rebuilds.
#
# The debootstrap result is also kept as a tarball in $TNET_BASE_CACHE (default /var/cache/tnet-base):
# debootstrap is the slow part (minutes on a busy 2-core machine, mostly dependency resolution), and a
# new JDK or a change to this script only needs the jlink + import steps redone.
#
# Environment: TNET_BASE_IMAGE (default localhost/tnet-base:bookworm-jre25), TNET_DEBIAN_SUITE (bookworm),
# TNET_DEBIAN_MIRROR (default: the first Debian URI in this machine's apt sources), JAVA_HOME (a JDK 25).
# Needs root (debootstrap), podman, debootstrap.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${TNET_BASE_IMAGE:-localhost/tnet-base:bookworm-jre25}"
SUITE="${TNET_DEBIAN_SUITE:-bookworm}"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

. bin/java-env >/dev/null

# JDK modules of the runtime: the Java SE set (Spring Boot needs java.desktop for java.beans,
# java.management, java.naming, java.sql, java.instrument), the Vector API incubator module the CPU
# kernel uses, and the JDK modules Micrometer/Tomcat/JNA look for at run time.
MODULES="java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.incubator.vector,jdk.jfr,jdk.zipfs,jdk.naming.dns,jdk.crypto.cryptoki,jdk.localedata,jdk.charsets,jdk.net"

key="$( { cat "$0"; cat "$JAVA_HOME/release"; echo "$SUITE"; } | sha256sum | cut -c1-16)"
if [ "$FORCE" = 0 ] && podman image exists "$IMAGE" \
   && [ "$(podman image inspect --format '{{ index .Labels "io.tnet.base.key" }}' "$IMAGE" 2>/dev/null)" = "$key" ]; then
  echo "base image $IMAGE is up to date (key $key)"
  exit 0
fi

mirror="${TNET_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  # Same mirror as the machine's apt: deb822 "URIs:" lines or one-line "deb <uri> <suite>" entries.
  mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}')"
  [ -n "$mirror" ] || mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" && $2 ~ /debian\/?$/ {print $2; exit}')"
fi
[ -n "$mirror" ] || { echo "error: no Debian mirror found in apt sources; set TNET_DEBIAN_MIRROR" >&2; exit 1; }

work="$(mktemp -d /var/tmp/tnet-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
start=$(date +%s)
cache_dir="${TNET_BASE_CACHE:-/var/cache/tnet-base}"
cache="$cache_dir/$SUITE-minbase.tar"
if [ "$FORCE" = 0 ] && [ -s "$cache" ]; then
  echo "rootfs from $cache"
  mkdir -p "$rootfs" && tar -C "$rootfs" --numeric-owner -xf "$cache"
else
  echo "debootstrap $SUITE (minbase) from $mirror ..."
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
    || { tail -30 "$work/debootstrap.log" >&2; exit 1; }
  # Slim the rootfs: no package caches, docs or man pages in a runtime image.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
         "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
  mkdir -p "$cache_dir" && tar -C "$rootfs" --numeric-owner -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
fi

echo "jlink Java runtime from $JAVA_HOME ..."
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$rootfs/opt/java" 2>&1 | grep -v 'Using incubator modules' || true
[ -x "$rootfs/opt/java/bin/java" ] || { echo "error: jlink produced no runtime" >&2; exit 1; }

# The unprivileged user the service runs as (numeric in the Dockerfile so Kubernetes' runAsNonRoot can
# verify it). Home is /tmp: with a read-only root filesystem that is the only writable place.
echo "tnet:x:10001:10001:Threshold-Net Serving:/tmp:/usr/sbin/nologin" >> "$rootfs/etc/passwd"
echo "tnet:x:10001:" >> "$rootfs/etc/group"

echo "importing into podman as $IMAGE ..."
tar -C "$rootfs" --numeric-owner -cf - . | podman import --quiet \
  --change "ENV JAVA_HOME=/opt/java" \
  --change "ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "LABEL io.tnet.base.key=$key" \
  --change "LABEL org.opencontainers.image.description=Debian $SUITE minbase + jlinked Java $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2)" \
  - "$IMAGE" > /dev/null
echo "base image $IMAGE built in $(( $(date +%s) - start )) s (key $key)"
