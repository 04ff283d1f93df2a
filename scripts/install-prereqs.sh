#!/usr/bin/env bash
# Installs the system packages the full test suite needs (Debian/Ubuntu, run as root or with sudo).
# Idempotent: packages already present are skipped, so a second run is fast.
set -euo pipefail

PACKAGES=(
  verilator iverilog yosys     # FPGA: RTL lint, simulation, synthesis estimates
  prometheus                   # observability: real Prometheus scraping the service in tests
  podman buildah runc debootstrap slirp4netns uidmap fuse-overlayfs  # container image build + run
  iptables containernetworking-plugins  # podman's port mapping (CNI portmap needs iptables)
  dataset-fashion-mnist        # training/evaluation data (Fashion-MNIST IDX files)
  make gcc g++                 # C driver library; g++ for the Verilator simulation libraries
  wrk                          # HTTP load generator for benchmarks
  curl jq unzip
  python3 python3-numpy        # model-format doc example (writes a model with NumPy; PythonWrittenModelTest)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
