using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Model;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Subjects;

/// <summary>
/// Rectification and restriction for any <see cref="ISubjectRightsService"/>: neither needs the data store, since
/// rectification is the host's <see cref="ISubjectRectifier"/> and restriction is a consent record.
/// </summary>
internal static class SubjectAmendments
{
    private const string Source = "subject-rights";

    public static async Task RectifyAsync(IServiceProvider services, SubjectId subjectId, RectificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entity = FindRectifiable(services.GetRequiredService<PersonalDataModel>(), request)
            ?? throw new ArgumentException(NotRectifiable(request), nameof(request));

        var rectifier = services.GetService<ISubjectRectifier>()
            ?? throw new InvalidOperationException("Rectification needs an ISubjectRectifier: register the application's implementation, which checks and " +
                "applies a correction.");
        await rectifier.RectifyAsync(subjectId, request, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IAuditTrail>().RecordAsync(
            new AuditEvent(AuditActions.SubjectRectified) { SubjectId = subjectId, EntityType = entity.Name, Properties = [request.Property] },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The entity whose personal property <paramref name="request"/> names, when a subject can reach it.</summary>
    public static PersonalEntityDescriptor? FindRectifiable(PersonalDataModel model, RectificationRequest request)
    {
        var entity = model.Entities.FirstOrDefault(e => string.Equals(e.Name, request.Entity, StringComparison.Ordinal) && e.IsReachableBySubject);
        return entity?.FindField(request.Property) is null ? null : entity;
    }

    /// <summary>Entity and property names come from the caller's request, not from anyone's data, so they may be named.</summary>
    public static string NotRectifiable(RectificationRequest request) =>
        $"'{request.Entity}.{request.Property}' is not a personal property of an entity a data subject can reach.";

    public static Task<bool> RestrictAsync(IServiceProvider services, SubjectId subjectId, string? reason, bool lift, CancellationToken cancellationToken)
    {
        var consent = services.GetService<IConsentStore>() is null ? null : services.GetService<IConsentService>();
        if (consent is null)
        {
            throw new InvalidOperationException("Restricting processing is recorded in the consent store: register one (UseEntityFrameworkStores<TContext>() " +
                "does).");
        }

        var details = new ConsentDetails { Source = Source, Evidence = reason };
        return lift
            ? consent.LiftRestrictionAsync(subjectId, details, cancellationToken)
            : consent.RestrictAsync(subjectId, details, cancellationToken);
    }
}
