using DataGuard.Model;

namespace DataGuard.Benchmarks.Subjects;

public class ExportOrder
{
    public int Id { get; set; }
    [DataSubject] public int CustomerId { get; set; }
    public ExportCustomer? Customer { get; set; }
    [Personal(Encrypt = false)] public string Address { get; set; } = "";
    public decimal Total { get; set; }
}
