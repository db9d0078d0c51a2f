"""One `proofkit verify FILE --token T` end to end, as a user runs it (a new process each time).

Most of that time is Python starting and importing; the verification itself is a few
milliseconds. Bytecode is compiled first, as an installed copy has it. The token is a real one
from the corpus (Sigstore's staging TSA, ECDSA P-384) when it is there, else one signed by a
loopback TSA. Reports the median and the best of N runs, and the same for `python -c pass`
(the floor on this machine), measured back to back: the machine is shared, so compare ratios.
Target (issue 12): under 0.15 s.

Run: .venv/bin/python bench/bench_verify_token.py [--n 15] [--tree OTHER_CHECKOUT]
``--tree`` also times another checkout's proofkit package (e.g. ``git archive main proofkit``
unpacked somewhere), run the same way, interleaved: the before/after ratio.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PROOFKIT_CORPUS", ROOT.parent / "shared" / "corpus" / "tsa-real"))


def _case(work: Path):
    tsr = CORPUS / "sigstage-2025-sha256.tsr"
    if tsr.is_file():
        return CORPUS / "data" / "hello", tsr, CORPUS / "certs" / "sigstage-root.pem", None
    sys.path.insert(0, str(ROOT / "tests"))
    from loopback_tsa import LoopbackTSA, TestPKI  # noqa: E402

    from proofkit.core.hashing import hash_file
    from proofkit.core.tsp import build_request

    pki = TestPKI(work / "pki")
    data = work / "chapter.txt"
    data.write_text("A chapter.\n")
    tsa = LoopbackTSA(pki, "rsa").start()
    import urllib.request

    req = build_request(hash_file(data).digest)
    post = urllib.request.Request(tsa.url, data=req.der, headers={"Content-Type": "application/timestamp-query"})
    token = work / "t.tsr"
    token.write_bytes(urllib.request.urlopen(post, timeout=30).read())
    tsa.close()
    return data, token, pki.root_pem, None


def _time(cmd: list[str], env: dict, n: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run; CPU time (user + system of the child) varies less than
    the wall clock on a loaded machine."""
    out = []
    for _ in range(n):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, env=env)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append((wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)))
        assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
    return out


def _line(label: str, runs: list[tuple[float, float]]) -> str:
    wall, cpu = [w for w, _ in runs], [c for _, c in runs]
    return (f"{label:<30} wall median {statistics.median(wall):.3f} s, best {min(wall):.3f} s; "
            f"CPU median {statistics.median(cpu):.3f} s, best {min(cpu):.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=15)
    ap.add_argument("--tree", type=Path, help="another checkout (a folder holding proofkit/) to compare with")
    a = ap.parse_args()
    compileall.compile_dir(str(ROOT / "proofkit"), quiet=1)
    if a.tree:
        compileall.compile_dir(str(a.tree / "proofkit"), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="pkvt-") as tmp:
        work = Path(tmp)
        data, token, root, _ = _case(work)
        exe = Path(sys.executable).with_name("proofkit")
        cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "proofkit.cli.main"]),
               "--home", str(work / "home"), "--trust", str(root), "verify", str(data), "--token", str(token)]
        args = cmd[cmd.index("--home"):]
        trees = {"this checkout (module)": ROOT}
        if a.tree:
            trees["--tree (module)"] = a.tree.resolve()
        runs = {"python -c pass": ([sys.executable, "-c", "pass"], []), "proofkit verify FILE --token": (cmd, [])}
        for label, tree in trees.items():
            # The editable install's finder is dropped so that ``tree`` is the one imported.
            boot = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
                    f"sys.path.insert(0, {str(tree)!r}); from proofkit.cli.main import main; "
                    "import os; code = main(sys.argv[1:]); sys.stdout.flush(); os._exit(code)")
            runs[label] = ([sys.executable, "-c", boot, *args], [])
        for c, _ in runs.values():
            _time(c, env, 2)  # warm the page cache
        for _ in range(a.n):  # interleaved, so all see the same load
            for c, out in runs.values():
                out += _time(c, env, 1)
    for label, (_, out) in runs.items():
        print(_line(label, out))
    print(f"({a.n} runs each, interleaved; load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
