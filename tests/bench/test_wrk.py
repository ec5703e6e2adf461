"""bench/_wrk.py reads wrk's report: rates, percentiles and each kind of error.

The reports are wrk 4's own output, captured from runs against a small local server: pages
answered 200, pages answered 404, and answers slower than --timeout; in the last two one
figure each was then edited (a p99 in seconds, two read errors) to cover those forms too.
"""

import math

from bench._wrk import Errors, parse

ANSWERED = """\
Running 1s test @ http://127.0.0.1:18931/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    44.45ms    6.28ms  52.00ms   92.73%
    Req/Sec    55.00     35.14   111.00     90.00%
  Latency Distribution
     50%   44.34ms
     75%   47.97ms
     90%   48.29ms
     99%   51.96ms
  110 requests in 1.01s, 227.65KB read
Requests/sec:    109.22
Transfer/sec:    226.02KB
"""

REFUSED = """\
Running 1s test @ http://127.0.0.1:18931/missing
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    43.82ms    8.28ms  51.47ms   95.45%
    Req/Sec    54.85     35.95   121.00     90.00%
  Latency Distribution
     50%   44.28ms
     75%   47.65ms
     90%   48.66ms
     99%    1.44s
  110 requests in 1.00s, 228.43KB read
  Non-2xx or 3xx responses: 110
Requests/sec:    109.59
Transfer/sec:    227.57KB
"""

TIMED_OUT = """\
Running 3s test @ http://127.0.0.1:18931/slow
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     1.00      1.00     2.00    100.00%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  8 requests in 3.02s, 17.29KB read
  Socket errors: connect 0, read 2, write 0, timeout 8
Requests/sec:      2.65
Transfer/sec:      5.73KB
"""


def test_a_clean_run_has_its_rate_and_percentiles_and_no_error():
    result = parse(ANSWERED)
    assert result.requests_per_second == 109.22
    assert (result.p50_ms, result.p99_ms) == (44.34, 51.96)
    assert result.failed == Errors()
    assert result.errors == 0


def test_answers_outside_2xx_3xx_are_errors_of_their_own_kind_and_seconds_are_read_as_ms():
    result = parse(REFUSED)
    assert result.failed == Errors(non_2xx=110)
    assert result.p99_ms == 1440.0
    assert str(result.failed) == "kod ≠ 2xx/3xx 110"


def test_socket_errors_are_kept_by_kind_and_no_measured_latency_is_not_zero():
    result = parse(TIMED_OUT)
    assert result.failed == Errors(read=2, timeout=8)
    assert result.errors == 10
    assert str(result.failed) == "timeout 8, odczyt 2"
    # wrk leaves answers later than --timeout out of its percentiles: here every one.
    assert math.isnan(result.p50_ms) and math.isnan(result.p99_ms)


def test_errors_of_several_runs_add_up_by_kind():
    runs = [parse(REFUSED).failed, parse(TIMED_OUT).failed, parse(ANSWERED).failed]
    total = sum(runs, Errors())
    assert total == Errors(non_2xx=110, read=2, timeout=8)
    assert total.total == 120
