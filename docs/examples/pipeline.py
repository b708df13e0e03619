"""A push/pull pipeline: a ventilator spreads tasks over workers, a sink collects."""

import threading

import zmq


def worker(ctx: zmq.Context, tasks_url: str, results_url: str, number: int) -> None:
    with ctx.socket(zmq.PULL) as tasks, ctx.socket(zmq.PUSH) as results:
        tasks.connect(tasks_url)
        results.connect(results_url)
        while True:
            task = tasks.recv_json()
            if task is None:  # the ventilator's signal to stop
                return
            results.send_json({"worker": number, "task": task, "square": task * task})


def main() -> None:
    workers = 3
    with zmq.Context() as ctx, ctx.socket(zmq.PUSH) as ventilator, ctx.socket(zmq.PULL) as sink:
        sink.rcvtimeo = 5000
        tasks_url = f"tcp://127.0.0.1:{ventilator.bind_to_random_port('tcp://127.0.0.1')}"
        results_url = f"tcp://127.0.0.1:{sink.bind_to_random_port('tcp://127.0.0.1')}"
        # the ventilator waits until every worker is connected, so that PUSH shares
        # the tasks among all of them instead of giving them to the first one
        monitor = ventilator.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
        monitor.rcvtimeo = 5000
        threads = [
            threading.Thread(target=worker, args=(ctx, tasks_url, results_url, n))
            for n in range(workers)
        ]
        for thread in threads:
            thread.start()
        for _ in range(workers):
            monitor.recv_multipart()
        ventilator.disable_monitor()
        monitor.close()

        for task in range(1, 10):
            ventilator.send_json(task)
        results = [sink.recv_json() for _ in range(9)]
        for _ in range(workers):
            ventilator.send_json(None)
        for thread in threads:
            thread.join()

        for result in sorted(results, key=lambda r: r["task"]):
            print(f"worker {result['worker']}: {result['task']}^2 = {result['square']}")
        print(f"sum of squares: {sum(r['square'] for r in results)}")


if __name__ == "__main__":
    main()
