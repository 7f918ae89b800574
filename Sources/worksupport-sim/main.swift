print("worksupport-sim: not built yet")
