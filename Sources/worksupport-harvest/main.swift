print("worksupport-harvest: not built yet")
