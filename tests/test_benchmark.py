"""The benchmark script runs on the built site, so that it cannot rot (it measures; it fails nothing else)."""
import subprocess
import sys

from conftest import PROJECT


def test_benchmark_runs_on_the_built_site(site):
    """scripts/benchmark.py prints its tables for the real site without crashing."""
    result = subprocess.run([sys.executable, "scripts/benchmark.py", "--no-builds", "--no-lighthouse"],
                            cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "| lesson | ti |" in result.stdout and "search_index" not in result.stderr
