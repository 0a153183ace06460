namespace AgentLab.Memory;

/// <summary>
/// The post-transformation q = post(z) of a Hopfield update (HOPFIELD.md §2): the map yhat_Psi of the
/// state regulariser Psi. It is applied once to every stored pattern and to the initial query, then after
/// every update.
/// </summary>
public enum PostTransform
{
    /// <summary>Psi = ½‖q‖²: q = z (the energy of <see cref="HopfieldEnergy"/> is defined for this one).</summary>
    Identity,

    /// <summary>Psi = indicator of the unit ball: q = z/‖z‖ (a zero vector stays zero).</summary>
    L2,

    /// <summary>
    /// Layer normalisation without affine parameters: q = (z − mean z)/sqrt(var_biased z + 1e-5), as the
    /// reference's <c>LayerNorm(D, elementwise_affine=False)</c>.
    /// </summary>
    LayerNorm,
}
