"""Describes the machine for the report: CPU model, cores, clock, SIMD flags and the FP32 peak they imply.

Peak FP32 FLOP/s = cores x clock x FMA pipes (2) x FP32 lanes per pipe x 2 (a fused multiply-add is two
FLOPs). Lanes come from the flags: 16 with avx512f, 8 with avx2/avx, 4 otherwise. AMD Zen 3/Zen 4
(family 0x19) run AVX-512 instructions on 256-bit pipes, so their lanes are 8 whatever the flags say;
the report shows both figures. The clock is /proc/cpuinfo's "cpu MHz", which under a hypervisor is
the nominal clock: a core that turbo-boosts can beat this "peak".

usage: machine.py --threads N
Prints one JSON line.
"""
import argparse
import datetime
import json
import os
import platform


def cpuinfo():
    fields = {}
    with open("/proc/cpuinfo", encoding="utf-8") as file:
        for line in file:
            if ":" in line:
                key, value = (part.strip() for part in line.split(":", 1))
                fields.setdefault(key, value)
    return fields


def amd_core_name(family, model):
    """AMD's core generation from the CPU family and model, which a hypervisor's model name may hide."""
    if family == 0x19:
        return "Zen 4" if 0x10 <= model <= 0x1F or 0x60 <= model <= 0x7F or 0xA0 <= model <= 0xAF else "Zen 3"
    if family == 0x1A:
        return "Zen 5"
    if family == 0x17:
        return "Zen 2" if model >= 0x30 else "Zen / Zen+"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()

    info = cpuinfo()
    flags = set(info.get("flags", "").split())
    cores = os.cpu_count()
    megahertz = float(info.get("cpu MHz", "0"))
    fma = 2 if "fma" in flags else 1
    flag_lanes = 16 if "avx512f" in flags else 8 if {"avx2", "avx"} & flags else 4
    amd_256_bit_pipes = info.get("vendor_id") == "AuthenticAMD" and int(info.get("cpu family", "0")) == 0x19
    effective_lanes = min(flag_lanes, 8) if amd_256_bit_pipes else flag_lanes
    per_core_cycle_flags = 2 * flag_lanes * fma
    per_core_cycle_effective = 2 * effective_lanes * fma
    print(json.dumps({
        "bench": "machine",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu_model": info.get("model name", platform.processor()),
        "vendor": info.get("vendor_id"), "family": int(info.get("cpu family", "0")), "model": int(info.get("model", "0")),
        "core": amd_core_name(int(info.get("cpu family", "0")), int(info.get("model", "0")))
        if info.get("vendor_id") == "AuthenticAMD" else None,
        "cores": cores, "threads_used": args.threads, "mhz": megahertz,
        "simd": [flag for flag in ("avx", "avx2", "fma", "avx512f", "avx512_bf16", "avx512_vnni") if flag in flags],
        "flops_per_cycle_per_core_by_flags": per_core_cycle_flags,
        "flops_per_cycle_per_core_effective": per_core_cycle_effective,
        "peak_gflops_by_flags": args.threads * megahertz / 1e3 * per_core_cycle_flags,
        "peak_gflops_effective": args.threads * megahertz / 1e3 * per_core_cycle_effective,
        "amd_256_bit_pipes": amd_256_bit_pipes,
        "kernel": platform.release(), "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
    }))


if __name__ == "__main__":
    main()
