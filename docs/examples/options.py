"""Socket options as attributes, and Context defaults for the sockets it makes."""

import zmq


def main() -> None:
    with zmq.Context() as ctx:
        # socket options set on the context become defaults for its new sockets
        ctx.linger = 0
        ctx.rcvtimeo = 1000
        ctx.subscribe = b""  # applies to SUB sockets only; others skip it
        print(f"context defaults: {sorted(option.name for option in ctx.sockopts)}")

        with ctx.socket(zmq.PUSH) as push, ctx.socket(zmq.SUB) as sub:
            print(f"new PUSH socket: linger={push.linger}, rcvtimeo={push.rcvtimeo}")
            # attributes and set/get are the same options
            push.sndhwm = 50
            print(f"push.sndhwm={push.sndhwm}, push.get(zmq.SNDHWM)={push.get(zmq.SNDHWM)}")
            # text options: set_string/get_string encode and decode
            sub.set_string(zmq.ROUTING_ID, "sensor-7")
            print(f"routing id: {sub.routing_id!r} (bytes), {sub.get_string(zmq.ROUTING_ID)!r}")
            try:
                push.no_such_option = 1
            except AttributeError as error:
                print(f"a misspelt option fails loudly: {error}")

        # a context option goes to the context itself
        ctx.max_sockets = 64
        print(f"ctx.max_sockets={ctx.max_sockets}")


if __name__ == "__main__":
    main()
