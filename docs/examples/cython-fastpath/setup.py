"""Build fastpath.pyx against pyzmq-core: python setup.py build_ext --inplace"""

from Cython.Build import cythonize
from setuptools import Extension, setup

import zmq

setup(
    name="fastpath",
    ext_modules=cythonize(
        [
            Extension(
                "fastpath",
                ["fastpath.pyx"],
                # the .pxd files of zmq, and the headers they include
                include_dirs=zmq.get_includes(),
                libraries=["zmq"],
                # the libzmq pyzmq-core bundles, if it was built with ZMQ_PREFIX=bundled
                library_dirs=zmq.get_library_dirs(),
                runtime_library_dirs=zmq.get_library_dirs(),
            )
        ]
    ),
)
