using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.Sample.Web;

/// <summary>Applies a customer's correction of their name or e-mail address (GDPR Art. 16).</summary>
public sealed class CustomerRectifier(ShopDb db) : ISubjectRectifier
{
    public async Task RectifyAsync(SubjectId subjectId, RectificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = Guid.Parse(subjectId.Value);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                       ?? throw new DataGuardException("We hold no customer record for you.");
        switch (request.Entity, request.Property)
        {
            case (nameof(Customer), nameof(Customer.Name)):
                customer.Name = request.Value ?? "";
                break;
            case (nameof(Customer), nameof(Customer.Email)) when request.Value?.Contains('@', StringComparison.Ordinal) == true:
                customer.Email = request.Value;
                break;
            default:
                throw new DataGuardException("Only your name and a valid e-mail address can be corrected here.");
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
