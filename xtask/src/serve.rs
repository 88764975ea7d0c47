//! `cargo xtask serve`: setup, then `trunk serve` on 127.0.0.1, announcing the URL once the
//! server answers (the first build can take minutes and its log scrolls the URL away).

use crate::cmd::Ctx;
use crate::tools;
use anyhow::{bail, Context, Result};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::thread;
use std::time::Duration;

pub const DEFAULT_PORT: u16 = 8080;
const ADDRESS: Ipv4Addr = Ipv4Addr::LOCALHOST;

pub fn serve(ctx: &Ctx, port: u16) -> Result<()> {
    tools::setup(ctx)?;
    tools::fetch_crates(ctx)?;
    let url = format!("http://{ADDRESS}:{port}/");
    let socket = SocketAddr::from((ADDRESS, port));
    if TcpStream::connect_timeout(&socket, Duration::from_millis(200)).is_ok() {
        bail!("port {port} is already in use; pick another with `cargo xtask serve --port N`");
    }
    println!("\nxtask: building, then serving the explorer at {url}  (Ctrl-C stops)\n");

    let port_arg = port.to_string();
    let mut cmd = tools::trunk_command(ctx)?;
    cmd.args([
        "serve",
        "--offline",
        "--address",
        &ADDRESS.to_string(),
        "--port",
        &port_arg,
    ]);
    println!("$ {}", crate::cmd::display(&cmd));
    let mut child = cmd
        .spawn()
        .with_context(|| "cannot start `trunk serve`".to_string())?;

    // Announce the URL once trunk accepts connections; stop watching if trunk exits.
    loop {
        if let Some(status) = child
            .try_wait()
            .with_context(|| "cannot watch `trunk serve`".to_string())?
        {
            bail!("`trunk serve` exited ({status}) before serving");
        }
        if TcpStream::connect_timeout(&socket, Duration::from_millis(200)).is_ok() {
            println!("\nxtask: the explorer is ready at {url}\n");
            break;
        }
        thread::sleep(Duration::from_millis(500));
    }
    let status = child
        .wait()
        .with_context(|| "cannot wait for `trunk serve`".to_string())?;
    if !status.success() {
        bail!("`trunk serve` stopped ({status})");
    }
    Ok(())
}
