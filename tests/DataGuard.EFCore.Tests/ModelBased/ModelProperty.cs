using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>
/// Checks an invariant over generated models with FsCheck. A failure throws with FsCheck's replay seed, the original and
/// the shrunk model (<see cref="ModelSpec.ToString"/>) and what broke. To replay a seed, set
/// <c>DATAGUARD_MODEL_REPLAY=seed,gamma</c> (the two numbers FsCheck prints); <c>DATAGUARD_MODEL_TESTS=n</c> runs more models.
/// </summary>
internal static class ModelProperty
{
    /// <summary>Models per invariant on SQLite in every CI run.</summary>
    public const int SqliteModels = 25;

    /// <summary>Models per invariant on PostgreSQL (each creates and drops a database).</summary>
    public const int PostgresModels = 8;

    public static void Check(string invariant, ModelProvider provider, int maxTest, Func<ModelHost, ModelData, List<string>, Task> body, Func<ModelSpec,
        ModelSpec>? restrict = null)
    {
        var config = Config.QuickThrowOnFailure
            .WithName($"{invariant} ({provider})")
            .WithMaxTest(int.TryParse(Environment.GetEnvironmentVariable("DATAGUARD_MODEL_TESTS"), CultureInfo.InvariantCulture,
                out var n) && n > 0 ? n : maxTest)
            .WithEndSize(10);
        if (Environment.GetEnvironmentVariable("DATAGUARD_MODEL_REPLAY") is { Length: > 0 } replay)
        {
            var parts = replay.Trim('(', ')', ' ').Split(',', StringSplitOptions.TrimEntries);
            var rnd = new Rnd(ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture));
            config = config.WithReplay(FSharpOption<Replay>.Some(new Replay(rnd,
                parts.Length > 2 ? FSharpOption<int>.Some(int.Parse(parts[2], CultureInfo.InvariantCulture)) : FSharpOption<int>.None)));
        }

        var property = Prop.ForAll(ModelSpecs.Arbitrary(restrict), spec =>
        {
            var failures = Task.Run(() => ModelCase.RunAsync(spec, provider, body)).GetAwaiter().GetResult();
            return Prop.Label(failures.Count == 0, $"{invariant} broke on {spec}\n  what broke:\n    - {string.Join("\n    - ", failures)}");
        });
        FsCheck.Check.One(config, property);
    }
}
