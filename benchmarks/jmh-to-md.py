#!/usr/bin/env python3
"""Turns a JMH JSON result file (bin/bench -rf json -rff FILE) into the Markdown tables of docs/benchmarks.md.

Median = JMH's 50th percentile of the measurement iterations; error = JMH's 99.9% confidence half-width.
"""
import json
import sys


def load(path):
    rows = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        cls, method = name[-2], name[-1]
        p = r.get("params", {})
        m = r["primaryMetric"]
        key = (cls, method, p.get("shape"), int(p.get("batch", 1)), int(p.get("threads", 1)))
        rows[key] = (m["scorePercentiles"]["50.0"], m["scoreError"], m["score"])
    return rows


def synapses(shape, batch):
    a, b = (int(v) for v in shape.split("x"))
    return a * b * batch


def fmt(v):
    return f"{v:,.1f}" if v >= 10 else f"{v:.2f}"


def main(path):
    rows = load(path)
    print("| layer (in x out) | batch | threads | int8 threshold us (median ± err) | G syn/s | FP32 FMA us (median ± err) | G syn/s | int8 / FP32 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for shape in ("256x256", "1024x1024", "4096x1024"):
        for batch in (1, 32):
            for threads in (1, 2):
                i = rows.get(("DenseLayerBench", "int8Threshold", shape, batch, threads))
                f = rows.get(("DenseLayerBench", "fp32Dense", shape, batch, threads))
                if not i or not f:
                    continue
                n = synapses(shape, batch)
                print(f"| {shape} | {batch} | {threads} | {fmt(i[0])} ± {fmt(i[1])} | {n / i[0] / 1e3:.1f} | "
                      f"{fmt(f[0])} ± {fmt(f[1])} | {n / f[0] / 1e3:.1f} | {f[0] / i[0]:.2f}x |")
    print()
    print("| layer | two threads / one thread, batch 32, int8 | same, FP32 |")
    print("|---|---:|---:|")
    for shape in ("256x256", "1024x1024", "4096x1024"):
        a = rows.get(("DenseLayerBench", "int8Threshold", shape, 32, 1))
        b = rows.get(("DenseLayerBench", "int8Threshold", shape, 32, 2))
        c = rows.get(("DenseLayerBench", "fp32Dense", shape, 32, 1))
        d = rows.get(("DenseLayerBench", "fp32Dense", shape, 32, 2))
        if a and b and c and d:
            print(f"| {shape} | {a[0] / b[0]:.2f}x | {c[0] / d[0]:.2f}x |")
    print()
    print("| layer (batch 1, 1 thread) | reference us | kernel scalar us | kernel vector us | G syn/s vector | vector / reference |")
    print("|---|---:|---:|---:|---:|---:|")
    for shape in ("256x256", "1024x1024"):
        r = rows.get(("ReferenceBench", "reference", shape, 1, 1))
        s = rows.get(("ReferenceBench", "kernelScalar", shape, 1, 1))
        v = rows.get(("ReferenceBench", "kernelVector", shape, 1, 1))
        if r and s and v:
            print(f"| {shape} | {fmt(r[0])} ± {fmt(r[1])} | {fmt(s[0])} ± {fmt(s[1])} | {fmt(v[0])} ± {fmt(v[1])} | "
                  f"{synapses(shape, 1) / v[0] / 1e3:.1f} | {r[0] / v[0]:.0f}x |")
    print()
    print("| MNIST-sized model 784-256-10, end to end | batch | threads | kernel us (median ± err) | reference us | kernel / reference | samples/s (kernel) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for batch in (1, 32):
        for threads in (1, 2):
            k = rows.get(("MnistModelBench", "kernel", None, batch, threads))
            r = rows.get(("MnistModelBench", "reference", None, batch, threads))
            if k and r:
                print(f"| int8 | {batch} | {threads} | {fmt(k[0])} ± {fmt(k[1])} | {fmt(r[0])} ± {fmt(r[1])} | "
                      f"{r[0] / k[0]:.0f}x | {batch / k[0] * 1e6:,.0f} |")


if __name__ == "__main__":
    main(sys.argv[1])
