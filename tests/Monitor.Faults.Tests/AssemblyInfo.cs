// Every scenario runs the whole pipeline as processes and crashes parts of it; on a small shared
// machine they run one after another so that one scenario's load does not become another's fault.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
