#!/usr/bin/python3
"""Writes the .npy fixtures in data/npy/ with real numpy, so NpyFile is tested against numpy's own output
rather than only against our writer. Re-run (python3 make_npy_fixtures.py) only if the fixtures change;
the files are committed so test machines need no numpy."""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "npy")
os.makedirs(OUT, exist_ok=True)

MATRIX = (np.arange(12, dtype=np.float32).reshape(3, 4) - 5) / 7
# Values that float32 cannot hold exactly, to check float64 -> float32 rounds like astype(np.float32).
MATRIX64 = np.array([[0.1, 1 / 3, -2.5], [1e-8, 123456.789, 0.0]], dtype=np.float64)
LABELS = [0, 9, 3, 7, 1]


def save(name, array, version=None):
    path = os.path.join(OUT, name)
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)


save("f4_3x4.npy", MATRIX)
save("f8_2x3.npy", MATRIX64)
np.save(os.path.join(OUT, "f8_2x3_as_f4.npy"), MATRIX64.astype(np.float32))
save("f4_3x4_v2.npy", MATRIX, version=(2, 0))
save("f4_3x4_v3.npy", MATRIX, version=(3, 0))
save("f4_3x4_fortran.npy", np.asfortranarray(MATRIX))
save("f4_3x4_bigendian.npy", MATRIX.astype(">f4"))
save("f8_3x4_bigendian.npy", MATRIX.astype(">f8"))
save("f4_rank1.npy", MATRIX.ravel())
save("f4_rank3.npy", MATRIX.reshape(3, 2, 2))
save("i2_3x4.npy", np.arange(12, dtype=np.int16).reshape(3, 4))
save("labels_i4.npy", np.array(LABELS, dtype="<i4"))
save("labels_i8.npy", np.array(LABELS, dtype="<i8"))
save("labels_u1.npy", np.array(LABELS, dtype=np.uint8))
save("labels_i8_bigendian.npy", np.array(LABELS, dtype=">i8"))
save("labels_f4.npy", np.array(LABELS, dtype=np.float32))
save("labels_i4_2d.npy", np.array([LABELS], dtype="<i4"))
save("labels_i8_too_big.npy", np.array([1, 2**40], dtype="<i8"))
save("labels_i4_negative.npy", np.array([3, -1], dtype="<i4"))
save("labels_structured.npy", np.zeros(3, dtype=[("label", "<i4"), ("weight", "<f4")]))
