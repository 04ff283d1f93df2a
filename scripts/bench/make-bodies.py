"""Writes the benchmark request bodies for a model from docs/examples/<model>.json:
<out>/json.body (compact JSON), <out>/binary.body + <out>/binary.hdrlen (binary tensor extension,
FP32 input, binary FP32 output)."""
import json
import struct
import sys

model, out = sys.argv[1], sys.argv[2]
req = json.load(open(f"docs/examples/{model}.json"))
open(f"{out}/json.body", "w").write(json.dumps(req, separators=(",", ":")))


def flat(x):
    return [v for e in x for v in flat(e)] if isinstance(x, list) else [x]


values = flat(req["inputs"][0].pop("data"))
req["inputs"][0]["datatype"] = "FP32"
req["inputs"][0]["parameters"] = {"binary_data_size": 4 * len(values)}
req["outputs"] = [{"name": "logits", "parameters": {"binary_data": True}}]
header = json.dumps(req, separators=(",", ":")).encode()
open(f"{out}/binary.body", "wb").write(header + struct.pack("<%df" % len(values), *values))
open(f"{out}/binary.hdrlen", "w").write(str(len(header)))
