using System.Reflection;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Purposes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Purposes;

/// <summary>How one entity type is checked inside a purpose scope: its personal fields with their categories, its
/// subject (for the consent check), and, when refusals mask, how to mask each field.</summary>
internal sealed class PurposeReadPlan
{
    private readonly PersonalEntityDescriptor _descriptor;
    private readonly Func<PurposeScope, PurposeSubjectConsents>? _consents;
    private readonly PurposeMaskedField[] _fields;
    private readonly PersonalCategory[] _categories;
    private readonly Func<PurposeScope, PurposeReadState> _newState;

    // The state of the scope that read this entity type last: a read of many entities in one scope finds it here
    // without a lock or a lookup; another scope (or another flow's) replaces it.
    private PurposeReadState? _last;

    private PurposeReadPlan(PersonalEntityDescriptor descriptor, IProperty? subject, PurposeMaskedField[] fields, IReadOnlyList<IProperty> needed)
    {
        _descriptor = descriptor;
        _consents = subject is null ? null : PurposeSubjectConsents.Factory(subject);
        _fields = fields;
        _categories = [.. fields.Select(static f => f.Field.Category)];
        _newState = NewState;
        Needed = needed;
    }

    /// <summary>The properties the entity must have from its row when <see cref="Check"/> runs.</summary>
    public IReadOnlyList<IProperty> Needed { get; }

    public static PurposeReadPlan Create(IEntityType entityType, PersonalEntityDescriptor descriptor, bool masks)
    {
        var subject = descriptor.SubjectProperty is { } name ? entityType.FindProperty(name) : null;
        var fields = new List<PurposeMaskedField>();
        foreach (var field in descriptor.Fields)
        {
            var property = entityType.FindProperty(field.Name);
            var member = property is null ? null : (MemberInfo?)property.FieldInfo ?? property.PropertyInfo;
            fields.Add(new PurposeMaskedField(field, masks ? property : null, masks ? member : null));
        }

        var needed = new List<IProperty>();
        if (subject is not null && (subject.FieldInfo is not null || subject.PropertyInfo is not null))
        {
            needed.Add(subject);
        }

        // Masking writes the fields after EF Core would have set them, so the binding must set them itself (EF Core
        // then leaves them alone); a field with no CLR member to set cannot be masked and is refused instead.
        needed.AddRange(fields.Where(static f => f.Property is not null && f.Member is not null).Select(static f => f.Property!));
        return new PurposeReadPlan(descriptor, subject is not null && needed.Contains(subject) ? subject : null, [.. fields], needed);
    }

    /// <summary>Checks a new entity against the innermost purpose scope: nothing to do outside one.</summary>
    public void Check(object entity)
    {
        if (PurposeScope.Current is not { } scope)
        {
            return;
        }

        // This runs for every entity created inside a scope: the declaration is decided once per scope and entity type,
        // and the subject's consent state is read without boxing its value.
        var state = Volatile.Read(ref _last);
        if (state is null || !ReferenceEquals(state.Scope, scope))
        {
            state = scope.State(this, _newState);
            Volatile.Write(ref _last, state);
        }

        var refusal = state.Declaration;
        if (refusal is null && state.Consents?.ConsentOf(entity) is { } status && status is not (ConsentStatus.Granted or ConsentStatus.NotRequired))
        {
            refusal = new PurposeDecision(scope.Purpose.Name, PurposeDenialReason.Consent, [], status);
        }

        if (refusal is null)
        {
            return;
        }

        if (scope.Behavior == PurposeViolationBehavior.Throw)
        {
            throw new PurposeNotAllowedException(refusal, _descriptor.Name);
        }

        var masked = new List<string>();
        foreach (var field in _fields)
        {
            // A category refusal masks only the fields of undeclared categories; an entity or consent refusal masks all.
            if (refusal.Reason == PurposeDenialReason.CategoryNotDeclared && scope.Purpose.MayUse(_descriptor.ClrType, field.Field.Category))
            {
                continue;
            }

            if (!field.TryMask(entity, scope.Masker))
            {
                throw new PurposeNotAllowedException(refusal, _descriptor.Name);
            }

            masked.Add(field.Field.Name);
        }

        PurposeMaskedEntities.Add(entity, scope.Purpose.Name, masked);
    }

    private PurposeReadState NewState(PurposeScope scope)
    {
        // Neither consent, restriction nor objection stops processing required by law (ConsentService.Evaluate).
        var consents = scope.Purpose.LawfulBasis == LawfulBasis.LegalObligation ? null : _consents?.Invoke(scope);
        return new PurposeReadState(scope, PurposeRules.Check(scope.Purpose, _descriptor.ClrType, _categories), consents);
    }
}
