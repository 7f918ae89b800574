print("worksupport")
