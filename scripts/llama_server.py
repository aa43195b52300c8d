"""Start llama.cpp's OpenAI-compatible server (llama-cpp-python) with weight repacking off.

    .cache/llm/venv/bin/python scripts/llama_server.py --model FILE --host 127.0.0.1 --port N

The same as ``python -m llama_cpp.server …``, except that the model loads without llama.cpp's
"extra buffer types" (``use_extra_bufts``, weight repacking). On CPUs with AMX the repacked q4_1
kernels of llama-cpp-python 0.3.36 crash the server with a general protection fault on the first
completion (seen here); plain kernels answer correctly. ``NEWSBRIEF_LLAMA_REPACK=1`` keeps them on.
"""

from __future__ import annotations

import os
import runpy
import sys

import llama_cpp
import llama_cpp.llama

_default_params = llama_cpp.llama_model_default_params


def _params_without_repack() -> llama_cpp.llama_model_params:
    params = _default_params()
    params.use_extra_bufts = False
    return params


if os.environ.get("NEWSBRIEF_LLAMA_REPACK") != "1":
    llama_cpp.llama_model_default_params = _params_without_repack
    llama_cpp.llama.llama_cpp.llama_model_default_params = _params_without_repack

sys.argv[0] = "llama_cpp.server"
runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
