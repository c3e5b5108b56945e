"""Text of one PDF or DOCX read from stdin, written to stdout: run in a child process.

`search/attachments.py` starts this file as a script (`python -I extract_worker.py ...`), so it
imports nothing from Django or the project. Before any byte is parsed it caps its own address
space and CPU time and forbids writing files; the parent also kills it after a wall-clock
timeout. A hostile file can then cost a few seconds and a few hundred MB, nothing more.
"""

import io
import logging
import resource
import sys


def set_limits(*, memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _limit_pdf_streams(max_bytes: int) -> None:
    """No PDF stream may inflate past max_bytes, and no external JBIG2 decoder is started."""
    import pypdf

    limits = {
        "maximum_declared_stream_length": max_bytes,
        "array_based_stream_maximum_output_length": max_bytes,
        "jbig2_maximum_output_length": max_bytes,
        "lzw_maximum_output_length": max_bytes,
        "run_length_maximum_output_length": max_bytes,
        "zlib_maximum_output_length": max_bytes,
        "brotli_maximum_output_length": max_bytes,
        "image_maximum_buffer_size": max_bytes,
        "stream_decoding_work_maximum_length": 3 * max_bytes,
        "jbig2dec_binary": None,
    }
    if hasattr(pypdf, "overwrite_configuration"):  # pypdf 7
        pypdf.overwrite_configuration(**limits)
        return
    from pypdf import filters  # older pypdf reads module constants

    for name in ("MAX_DECLARED_STREAM_LENGTH", "ZLIB_MAX_OUTPUT_LENGTH", "LZW_MAX_OUTPUT_LENGTH"):
        if hasattr(filters, name):
            setattr(filters, name, max_bytes)


def pdf_text(file, *, max_chars: int, max_pages: int, max_stream_bytes: int) -> str:
    from pypdf import PdfReader

    _limit_pdf_streams(max_stream_bytes)
    reader = PdfReader(file)
    parts, length = [], 0
    for page in reader.pages[:max_pages]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length > max_chars:
            break
    return " ".join(parts)


def docx_text(file, *, max_chars: int, **limits) -> str:
    import docx

    parts, length = [], 0
    for paragraph in docx.Document(file).paragraphs:
        parts.append(paragraph.text)
        length += len(paragraph.text) + 1
        if length > max_chars:
            break
    return " ".join(parts)


EXTRACTORS = {"pdf": pdf_text, "docx": docx_text}


def main(argv: list[str]) -> int:
    kind, max_chars, max_pages, max_stream_bytes, memory_bytes, cpu_seconds = argv[1:7]
    set_limits(memory_bytes=int(memory_bytes), cpu_seconds=int(cpu_seconds))
    logging.basicConfig(level=logging.ERROR)  # pypdf warns per broken object: keep stderr small
    data = sys.stdin.buffer.read()
    text = EXTRACTORS[kind](
        io.BytesIO(data),
        max_chars=int(max_chars),
        max_pages=int(max_pages),
        max_stream_bytes=int(max_stream_bytes),
    )
    sys.stdout.buffer.write(text[: int(max_chars)].encode("utf-8", "replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
