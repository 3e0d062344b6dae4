// The browser test starts the Api and chromium on a small shared machine; run classes one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
