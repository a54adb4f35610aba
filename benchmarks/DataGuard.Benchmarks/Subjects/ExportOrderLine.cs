using DataGuard.Model;

namespace DataGuard.Benchmarks.Subjects;

/// <summary>Reached through <c>HasSubjectPath(l =&gt; l.Order.CustomerId)</c>.</summary>
public class ExportOrderLine
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public ExportOrder? Order { get; set; }
    [Personal(Encrypt = false)] public string? Engraving { get; set; }
    public int Quantity { get; set; }
}
