"""Coverage-guided fuzzing of message parsing and attachment extraction (atheris / libFuzzer).

    make fuzz SECONDS=600 SEEDS=../shared/corpus/mime-rspamd

Each input is analysed as a whole message and, by its first byte, as one kind of attachment.
A crash (any exception) or an input slower than -timeout is written by libFuzzer as
crash-*/timeout-* in the current folder.
"""

import sys

import atheris

with atheris.instrument_imports():
    from inventory.fuzz_target import as_attachment, as_message


def one_input(data: bytes) -> None:
    as_message(data)
    if data:
        as_attachment(data[1:], data[0])


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
