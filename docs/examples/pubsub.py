"""Publish/subscribe with topics: a subscriber gets only the topics it asked for."""

import zmq


def main() -> None:
    with zmq.Context() as ctx, ctx.socket(zmq.XPUB) as publisher:
        port = publisher.bind_to_random_port("tcp://127.0.0.1")
        with ctx.socket(zmq.SUB) as subscriber:
            subscriber.rcvtimeo = 5000
            subscriber.connect(f"tcp://127.0.0.1:{port}")
            subscriber.subscribe("weather.paris")
            subscriber.subscribe("weather.oslo")
            # An XPUB socket receives the subscriptions: wait for both, so that no
            # message is published before the subscriber is listening for it.
            for _ in range(2):
                print(f"publisher saw subscription {publisher.recv()[1:].decode()!r}")
            readings = [
                ("weather.paris", "18C"),
                ("weather.rome", "24C"),
                ("weather.oslo", "3C"),
                ("traffic.paris", "jammed"),
                ("weather.paris", "19C"),
            ]
            for topic, reading in readings:
                publisher.send_multipart([topic.encode(), reading.encode()])
            # only the three subscribed readings arrive, in order
            for _ in range(3):
                topic, reading = subscriber.recv_multipart()
                print(f"received {topic.decode()}: {reading.decode()}")


if __name__ == "__main__":
    main()
