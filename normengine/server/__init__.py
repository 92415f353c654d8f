"""``normengine serve``: the engine as an HTTP service (FastAPI and uvicorn: ``pip install normengine[server]``).

* :mod:`.registry`: the rule sets a server offers, by name (the bundled one, and those in the
  directories its operator lists). A client names a rule set; it never gives a path.
* :mod:`.pool`: the worker processes that evaluate cases, each killed and replaced when it runs
  past the time limit (clingo cannot interrupt grounding), and recycled after a number of tasks
  (clingo never frees a symbol).
* :mod:`.worker`: what a worker does with one request; it sends back JSON text only.
* :mod:`.app`: the FastAPI application, its routes and its error bodies.

Only :mod:`.app` needs FastAPI; the rest is standard library and normengine. See ``docs/server.md``.
"""
