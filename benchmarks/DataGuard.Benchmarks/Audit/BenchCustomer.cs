using DataGuard.Model;

namespace DataGuard.Benchmarks.Audit;

public class BenchCustomer
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
