// The service tests start the alerts service as a process on a small shared machine; run classes one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
