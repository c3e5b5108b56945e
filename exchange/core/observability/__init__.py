"""Operations: a request id in every log line, JSON logs, and Prometheus metrics at /metrics.

`context` holds the ids of the request or task in progress, `logs` puts them on every log
record, `middleware` gives each request its id and its figures, `tasks` carries a request's id
to the tasks it enqueued, `metrics` and `views` answer the monitoring system.
"""
