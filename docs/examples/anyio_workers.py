"""anyio: a ventilator, workers and a sink as tasks, on asyncio or trio, with zmq.anyio."""

import sys

import anyio

import zmq
import zmq.anyio


async def worker(ctx: zmq.anyio.Context, jobs_url: str, results_url: str, name: str) -> None:
    with ctx.socket(zmq.PULL) as jobs, ctx.socket(zmq.PUSH) as results:
        jobs.connect(jobs_url)
        results.connect(results_url)
        while True:
            # cancelling a task that waits here takes no job from the others
            number = await jobs.recv_json()
            await results.send_json({"worker": name, "square": number * number})


async def main() -> None:
    with zmq.anyio.Context() as ctx, ctx.socket(zmq.PUSH) as jobs:
        jobs_url = f"tcp://127.0.0.1:{jobs.bind_to_random_port('tcp://127.0.0.1')}"
        with ctx.socket(zmq.PULL) as results:
            results_url = f"tcp://127.0.0.1:{results.bind_to_random_port('tcp://127.0.0.1')}"
            async with anyio.create_task_group() as workers:
                for name in ("w1", "w2", "w3"):
                    workers.start_soon(worker, ctx, jobs_url, results_url, name)
                for number in range(1, 10):
                    await jobs.send_json(number)
                total = 0
                with anyio.fail_after(10):
                    for _ in range(9):
                        total += (await results.recv_json())["square"]
                print(f"sum of squares: {total}")
                # the workers wait for more jobs: cancel them, none is lost
                workers.cancel_scope.cancel()
    print("workers cancelled while waiting; sockets closed")


if __name__ == "__main__":
    for backend in sys.argv[1:] or ["asyncio", "trio"]:
        print(f"on {backend}:")
        anyio.run(main, backend=backend)
