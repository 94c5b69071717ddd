"""The cluster rush: the deadline rush through a load balancer in front of two application
hosts, one PostgreSQL host, one task worker host and an S3-compatible storage host, each in
its own Linux network namespace on this machine (`make cluster-rush`, benchmarks/README.md).

- `network`: the namespaces, the bridge and the veth links, and their removal;
- `hosts`: starting and stopping each host's process;
- `fixture`, `load`, `tally`: what runs on the client host (the data, the clients, the
  count of what the database and the mail folder hold);
- `verdict`: the pure part: how each answer is classified and when the run passes;
- `__main__`: the run, in order.
"""
