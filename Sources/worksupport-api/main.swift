print("worksupport-api: not built yet")
