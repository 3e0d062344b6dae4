// The end-to-end and process tests start several services on a small shared machine; run the
// classes one after another so their timing does not depend on what else runs beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
