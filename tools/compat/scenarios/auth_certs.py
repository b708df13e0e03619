"""zmq.auth certificates: creating them with odd names and metadata, and reading files
that are malformed, partial, or written by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps

# certificate files as a person or another tool might write them, and broken ones
FILES = {
    "empty": "",
    "comments_only": "# nothing here\n",
    "binary": b"\xff\xfe\x00garbage\x80",
    "public_only": 'curve\n    public-key = "{pub}"\n',
    "unquoted": "curve\n    public-key = {pub}\n",
    "single_quoted": "curve\n    public-key = '{pub}'\n",
    "no_section": 'public-key = "{pub}"\n',
    "tab_indent": 'curve\n\tpublic-key = "{pub}"\n',
    "short_key": 'curve\n    public-key = "abc"\n',
    "bad_z85_key": 'curve\n    public-key = "{bad}"\n',
    "empty_key": 'curve\n    public-key = ""\n',
    "unterminated": 'curve\n    public-key = "{pub}\n',
    "secret_without_public": 'curve\n    secret-key = "{sec}"\n',
    "mismatched_pair": 'curve\n    public-key = "{pub}"\n    secret-key = "{other_sec}"\n',
    "both_keys": 'curve\n    public-key = "{pub}"\n    secret-key = "{sec}"\n',
    "crlf": 'curve\r\n    public-key = "{pub}"\r\n',
    "metadata_garbage": 'metadata\n    name = "x\ncurve\n    public-key = "{pub}"\n',
    "trailing_text": 'curve\n    public-key = "{pub}" trailing\n',
    "trailing_comment": 'curve\n    public-key = "{pub}"  # the server\n',
    "duplicate_keys": 'curve\n    public-key = "{pub}"\n    public-key = "{other_pub}"\n',
}


def run(c: Steps) -> None:
    c("import zmq, zmq.auth, os")
    c("d = os.path.join(tmp, 'certs'); os.mkdir(d)")
    c("pub, sec = zmq.curve_keypair()")
    c("other_pub, other_sec = zmq.curve_keypair()")
    # (keys differ from run to run: the step records nothing but None)
    c(
        "fill = dict(pub=pub.decode(), sec=sec.decode(), other_pub=other_pub.decode(),"
        " other_sec=other_sec.decode(), bad='#' * 40); None"
    )
    # creating: names and metadata PyZMQ takes, and what it refuses
    for name in ["plain", "", "sub/x", "..", "with space", "é"]:
        c("files = zmq.auth.create_certificates(d, name)", name=name)
        c("[os.path.relpath(f, d) for f in files]", name=name)
        c("[len(zmq.auth.load_certificate(f)[0]) for f in files]", name=name)
    c("os.mkdir(os.path.join(d, 'sub'))")
    c("zmq.auth.create_certificates(d, 'sub/x')")
    c("zmq.auth.create_certificates(d, b'bytes')")
    c("zmq.auth.create_certificates(d, 5)")
    c("zmq.auth.create_certificates(d.encode(), 'bytes_dir')")
    c("import pathlib")
    c("[os.path.basename(f) for f in zmq.auth.create_certificates(pathlib.Path(d), 'path')]")
    c("zmq.auth.create_certificates(os.path.join(d, 'plain.key'), 'in_a_file')")
    for metadata in [
        {},
        None,
        {"k": "v"},
        {"k": "two words"},
        {b"k": b"v"},
        {"k": 5},
        {5: "v"},
        {"bad name": "v"},
        {"k": "both ' and \""},
        {"k": "line\nbreak"},
        [("k", "v")],
        "k=v",
    ]:
        c(
            "[len(k) for f in zmq.auth.create_certificates(d, 'meta', metadata)"
            " for k in zmq.auth.load_certificate(f) if k]",
            metadata=metadata,
        )
    # reading: every kind of file above, as a public and as a secret certificate
    for name, text in FILES.items():
        c(
            "path = os.path.join(d, name + '.key')\n"
            "with open(path, 'wb') as f:\n"
            "    f.write(text if isinstance(text, bytes) else text.format(**fill).encode())",
            name=name,
            text=text,
        )
        c(
            "[k if k is None else (k == pub, k == sec, len(k)) for k in zmq.auth.load_certificate(path)]",
            name=name,
        )
    c("zmq.auth.load_certificate(d)")
    c("zmq.auth.load_certificate(os.path.join(d, 'missing.key'))")
    c("zmq.auth.load_certificate(None)")
    c("zmq.auth.load_certificate(pathlib.Path(d, 'plain.key'))[1]")
    c("zmq.auth.load_certificate(os.path.join(d, 'plain.key').encode())[1]")
    # a directory of them: one broken file among good ones
    c("good = os.path.join(tmp, 'good'); os.mkdir(good)")
    c("zmq.auth.create_certificates(good, 'a'); zmq.auth.create_certificates(good, 'b')")
    c("sorted(zmq.auth.load_certificates(good).values())")
    c("os.mkdir(os.path.join(good, 'dir.key'))")
    c("len(zmq.auth.load_certificates(good))")
    c("os.rmdir(os.path.join(good, 'dir.key'))")
    c("open(os.path.join(good, '.hidden.key'), 'w').write('not a cert')")
    c("len(zmq.auth.load_certificates(good))")
    c("open(os.path.join(good, 'c.key'), 'w').write('curve\\n    public-key = \"abc\"\\n')")
    c("sorted(len(k) for k in zmq.auth.load_certificates(good))")
    c("open(os.path.join(good, 'd.key'), 'w').write('nothing')")
    c("zmq.auth.load_certificates(good)")
    c("zmq.auth.load_certificates(pathlib.Path(tmp, 'nope'))")
    c("zmq.auth.load_certificates(os.path.join(good, 'a.key'))")
