//! Risk matrices, the service → asset → risk register, appetite and heat maps (in progress).
