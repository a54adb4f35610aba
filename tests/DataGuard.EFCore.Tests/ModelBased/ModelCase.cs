namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>
/// Runs one generated model: a host and database of its own, the model checked to be the spec's (DataGuard's model cache),
/// the synthetic data saved, then the invariant's body. Whatever throws is a failure unless it is a documented
/// <see cref="DataGuardException"/>; failures are texts that name entities, keys and counts, never personal values
/// (there are none: the data is synthetic).
/// </summary>
internal static class ModelCase
{
    public static async Task<List<string>> RunAsync(ModelSpec spec, ModelProvider provider, Func<ModelHost, ModelData, List<string>, Task> body)
    {
        var failures = new List<string>();
        ModelHost? host = null;
        try
        {
            host = await ModelHost.StartAsync(spec, provider);
            var built = await host.WithContextAsync(static db => Task.FromResult(db.Model.FindAnnotation(ModelContext.SpecAnnotation)?.Value as string));
            if (built != spec.ToString())
            {
                failures.Add("the context's model was built for another spec: the model cache key does not tell the generated models apart");
                return failures;
            }

            var data = ModelData.Create(spec, host.Clock.GetUtcNow().UtcDateTime);
            await data.SaveAsync(host);
            await body(host, data, failures);
        }
#pragma warning disable CA1031 // every exception is a finding, reported with the spec
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failures.Add(Describe("the case (host start, model build or seeding)", ex));
        }
        finally
        {
            if (host is not null)
            {
                await host.DropAsync();
            }
        }

        return failures;
    }

    /// <summary>Runs one DataGuard operation. Returns false when it threw: a <see cref="DataGuardException"/> is a documented
    /// refusal (noted in <paramref name="notes"/> when given), anything else is a failure.</summary>
    public static async Task<bool> TryAsync(string step, List<string> failures, Func<Task> operation, List<string>? notes = null)
    {
        try
        {
            await operation();
            return true;
        }
        catch (DataGuardException ex)
        {
            notes?.Add(Describe(step, ex));
            return false;
        }
#pragma warning disable CA1031 // the invariant: nothing but DataGuard's documented exceptions
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failures.Add(Describe(step, ex));
            return false;
        }
    }

    public static string Describe(string step, Exception ex)
    {
        var text = $"{step} threw {ex.GetType().FullName}{(ex is DataGuardException ? "" : " (not a DataGuardException)")}: {FirstLine(ex.Message)}";
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            text += $" <- {inner.GetType().Name}: {FirstLine(inner.Message)}";
        }

        return text;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
