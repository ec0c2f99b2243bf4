//! The agent's CascoApi session and insurers (Setări → Asigurători).

use std::time::Duration;

use casco_api::Secret;

use super::Desk;
use crate::connection::ConnectionStatus;
use crate::error::AppError;
use crate::insurers::{with_insurer_enabled, InsurerView, ProviderCredentials};
use crate::settings::EnvironmentKind;

impl Desk {
    /// Makes the environment in the settings the one in force; Demo and remembered logins
    /// connect by themselves.
    pub async fn connect(&self) -> ConnectionStatus {
        let target = self.target(&self.settings());
        let demo = (target.kind == EnvironmentKind::Demo).then(|| self.demo.login.clone());
        self.connection.switch_to(target, demo).await
    }

    /// Logs in to the environment in force; `remember` keeps the login in the keychain.
    pub async fn login(
        &self,
        account: &str,
        password: Secret<String>,
        remember: bool,
    ) -> Result<ConnectionStatus, AppError> {
        let target = self.target(&self.settings());
        self.connection
            .login(target, account, password, remember)
            .await
    }

    /// Ends the session and forgets any remembered login for this environment.
    pub async fn logout(&self) -> ConnectionStatus {
        let target = self.target(&self.settings());
        self.connection.logout(target).await
    }

    /// Whether the API of the environment in force answers (the offline indicator).
    pub async fn check_online(&self, timeout: Duration) -> bool {
        let target = self.target(&self.settings());
        self.connection.reachable(&target, timeout).await
    }

    /// Every insurer with its state in the environment in force.
    pub async fn insurers(&self) -> Vec<InsurerView> {
        let settings = self.settings();
        self.insurers.list(&self.target(&settings), &settings).await
    }

    /// Switches an insurer on or off (kept in the settings).
    pub async fn set_insurer_enabled(
        &self,
        insurer: &str,
        enabled: bool,
    ) -> Result<Vec<InsurerView>, AppError> {
        let next = with_insurer_enabled(self.settings(), insurer, enabled)?;
        self.save_settings(next)?;
        Ok(self.insurers().await)
    }

    /// Keeps an insurer's provider credentials in the keychain.
    pub async fn save_insurer_credentials(
        &self,
        insurer: &str,
        credentials: ProviderCredentials,
    ) -> Result<Vec<InsurerView>, AppError> {
        let target = self.target(&self.settings());
        self.insurers
            .save_credentials(&target, insurer, credentials)
            .await?;
        Ok(self.insurers().await)
    }

    /// Forgets an insurer's provider credentials.
    pub async fn forget_insurer_credentials(
        &self,
        insurer: &str,
    ) -> Result<Vec<InsurerView>, AppError> {
        let target = self.target(&self.settings());
        self.insurers.forget_credentials(&target, insurer).await?;
        Ok(self.insurers().await)
    }
}
