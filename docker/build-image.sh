#!/usr/bin/env bash
# Builds the service image with podman (buildah) from the built service jar: builds the local base
# image if needed (docker/build-base-image.sh, cached), stages a small build context, runs podman build.
#
#   ./mvnw -pl service -am package -DskipTests && docker/build-image.sh
#
# Environment: TNET_IMAGE (default localhost/tnet-service:latest), TNET_BASE_IMAGE (see
# build-base-image.sh), TNET_SERVICE_JAR (default: service/target/service-*.jar),
# TNET_NATIVE_DIR (default: fpga-driver/target/native, where fpga-driver's build puts libtnet_driver.so).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${TNET_IMAGE:-localhost/tnet-service:latest}"
BASE="${TNET_BASE_IMAGE:-localhost/tnet-base:bookworm-jre25}"

jar="${TNET_SERVICE_JAR:-}"
if [ -z "$jar" ]; then
  jar="$(ls service/target/service-*.jar 2>/dev/null | grep -v -e '-plain\.jar$' -e '-sources\.jar$' | head -1 || true)"
fi
[ -n "$jar" ] && [ -f "$jar" ] || { echo "error: no service jar; run ./mvnw -pl service -am package -DskipTests first" >&2; exit 1; }

TNET_BASE_IMAGE="$BASE" docker/build-base-image.sh

ctx="target/docker-context"
rm -rf "$ctx" && mkdir -p "$ctx/native" "$ctx/models" "$ctx/bin"
cp docker/bin/* "$ctx/bin/"
cp "$jar" "$ctx/service.jar"
[ -d models ] && cp -r models/. "$ctx/models/"

# The FPGA driver's native library (JNA loads it from /opt/tnet/lib): the fpga-driver build leaves it in
# fpga-driver/target/native. Without it the image still runs and the fpga backend reports itself
# unavailable (the service jar also carries a copy on its class path, which JNA would extract to /tmp).
native_dir="${TNET_NATIVE_DIR:-fpga-driver/target/native}"
if [ -d "$native_dir" ]; then
  find "$native_dir" -maxdepth 1 -name 'lib*.so*' -type f -exec cp {} "$ctx/native/" \;
fi
if [ -z "$(ls -A "$ctx/native")" ]; then
  echo "note: no native driver library in $native_dir; the image's fpga backend will be unavailable"
  echo "no native driver library was built for this image" > "$ctx/native/README"
else
  echo "native libraries: $(ls "$ctx/native" | tr '\n' ' ')"
fi

version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
previous="$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)"
podman build --pull=never --format docker --build-arg "BASE_IMAGE=$BASE" --build-arg "VERSION=$version" \
  -f docker/Dockerfile -t "$IMAGE" "$ctx"
# The image this tag named before is now untagged: remove it rather than let rebuilds pile up.
if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$IMAGE")" ]; then
  podman rmi "$previous" > /dev/null 2>&1 || true
fi
echo "built $IMAGE ($(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
