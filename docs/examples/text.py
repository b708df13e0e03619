"""Text and bytes: messages are bytes; send_string and recv_string encode for you."""

import zmq


def main() -> None:
    with zmq.Context() as ctx, ctx.socket(zmq.PAIR) as a, ctx.socket(zmq.PAIR) as b:
        a.bind("inproc://text")
        b.connect("inproc://text")

        try:
            a.send("héllo")  # type: ignore[arg-type]
        except TypeError as error:
            print(f"send(str) is refused: {error}")

        a.send_string("héllo")  # UTF-8 by default
        data = b.recv()
        print(f"on the wire: {data!r} ({len(data)} bytes for 5 characters)")

        a.send_string("héllo", encoding="latin-1")
        print(f"decoded with the sender's encoding: {b.recv_string(encoding='latin-1')!r}")

        # multipart messages are bytes too: encode each text part yourself
        a.send_multipart(["clé".encode(), b"\x00\x01 binary"])
        key, value = b.recv_multipart()
        print(f"multipart: key {key.decode()!r}, value {value!r}")


if __name__ == "__main__":
    main()
