using DataGuard.Consent;
using DataGuard.EFCore.Infrastructure;
using DataGuard.Masking;
using DataGuard.Purposes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Purposes;

/// <summary>
/// Purpose limitation on reads: wraps the creation of every entity type with personal fields so that, inside a purpose
/// scope (<see cref="IPurposeContext.Begin"/>), the entity is checked against the purpose before the application sees
/// it (<see cref="PurposeReadPlan"/>). Outside a scope the check is one read of an <see cref="AsyncLocal{T}"/>. Registered
/// after DataGuard's other bindings, so it sees values those have decrypted.
/// </summary>
internal sealed class PurposeReadInterceptor(PurposeViolationBehavior behavior) : IInstantiationBindingInterceptor
{
    public InstantiationBinding ModifyBinding(InstantiationBindingInterceptionData interceptionData, InstantiationBinding binding)
    {
        if (interceptionData.TypeBase is not IEntityType entityType || entityType.HasSharedClrType
            || entityType.Model.GetPersonalDataModel().Find(entityType.ClrType) is not { Fields.Count: > 0 } descriptor)
        {
            return binding;
        }

        var plan = PurposeReadPlan.Create(entityType, descriptor, masks: behavior == PurposeViolationBehavior.Mask);
        return EntityCreatedBinding.Wrap(binding, plan.Needed, (entity, _) => plan.Check(entity));
    }
}
