// Each test class starts the API in this process against its own schema; on a small shared machine they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
