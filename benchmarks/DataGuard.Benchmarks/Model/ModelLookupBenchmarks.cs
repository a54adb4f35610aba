using System.Reflection;
using BenchmarkDotNet.Attributes;
using DataGuard.Model;

namespace DataGuard.Benchmarks.Model;

/// <summary>What a per-row path pays to learn a type's personal fields: the cached descriptor against reading the
/// attributes by reflection each time (the baseline a naive implementation would pay).</summary>
[MemoryDiagnoser]
public class ModelLookupBenchmarks
{
    [Benchmark(Baseline = true)]
    public int ReflectAttributes()
    {
        var count = 0;
        foreach (var property in typeof(Customer).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<PersonalAttribute>(inherit: true) is not null)
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark]
    public int CachedDescriptor() => PersonalTypeCache.Get(typeof(Customer)).Fields.Count;

    public class Customer
    {
        [DataSubject] public Guid Id { get; set; }
        [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
        [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
        [Personal(PersonalCategory.Financial)] public string? CardNumber { get; set; }
        public DateTime CreatedAt { get; set; }
    }
}
