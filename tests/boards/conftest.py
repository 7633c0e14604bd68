"""One Redis Cluster per test session for every module of the boards that uses it (a fixture imported into
two modules would be two fixtures, each starting its nodes on the same ports)."""

from tests.redis_cluster import redis_cluster_url  # noqa: F401 (a fixture)
