namespace Monitor.Cli.Pipeline.Ingest;

/// <summary>
/// Posts items to ingestion in batches of one platform each (so every answer counts one platform). Ingestion
/// stores none of a batch that holds an invalid item and names the invalid ones; those are rejected with its
/// reason and the rest of the batch is sent again, so one bad row does not keep the others out.
/// </summary>
public static class IngestSender
{
    public static async Task SendAsync(IngestionClient client, IReadOnlyList<OutgoingCoverage> items, int batchSize, IngestTally tally,
        Action<int> sent, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var platform in items.GroupBy(i => i.Platform))
        {
            foreach (var batch in platform.Chunk(batchSize))
            {
                var pending = batch.ToList();
                // Each refusal removes at least one item, so this ends within batch.Length rounds.
                while (pending.Count > 0)
                {
                    var answer = await client.SendAsync(pending, cancellationToken);
                    if (answer.Reply is { } reply)
                    {
                        tally.Accept(platform.Key, reply);
                        break;
                    }
                    if (answer.ItemErrors.Count == 0)
                        throw new PipelineCommandException(ExitCodes.Failed, "ingestion rejected the batch:" + Environment.NewLine + answer.Refusal);
                    foreach (var (index, reason) in answer.ItemErrors.OrderByDescending(error => error.Key))
                    {
                        tally.Reject(new RejectedRow(pending[index].Origin, pending[index].Platform, reason));
                        pending.RemoveAt(index);
                    }
                }
                done += batch.Length;
                sent(done);
            }
        }
    }
}
