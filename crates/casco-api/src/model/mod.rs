//! Request and response shapes of CascoApi, named after the published samples' fields.

mod nomenclature;
mod offer;
mod policyholder;
mod quote;
mod vehicle;

pub use nomenclature::{Country, County, CountyParameter, Locality, VehicleMake, VehicleModel};
pub use offer::{
    ExchangeRate, FileEntry, FilesData, Installment, Offer, OfferCoverage, OfferPayment,
    OffersData, Payment, PoliciesData, Policy, PolicyNumber, PolicyRequest, ProductRef,
};
pub use policyholder::{Address, DrivingLicense, Person, PersonIdentification};
pub use quote::{
    AdditionalData, AdditionalMotor, AdditionalVehicle, AdditionalVehicleUser, Coverage, Currency,
    Deductibles, Motor, Organization, Product, Provider, ProviderAuthentication, QuoteRequest,
    RenewPolicy,
};
pub use vehicle::{
    Color, FuelType, Identifications, IdentifiedVehicle, Vehicle, VehicleDocument, VehicleSpecs,
    VehicleType,
};
